/**
 * Small-cell suppression: the one rule every published count goes through (SECURITY.md rule 2).
 *
 * A count from 1 to threshold − 1 is hidden (primary suppression). Then more cells are hidden
 * (complementary suppression) until no hidden figure can be worked out from what is published.
 * Pure: no I/O, nothing kept between calls.
 *
 * Choices:
 * - **Zero is shown** by default: it describes nobody, and hiding zeros would blank most sparse
 *   tables. `suppressZeros: true` treats 0 as small too. Because zeros are shown, a reader knows
 *   a hidden cell is at least 1; the "pinned line" rule below accounts for that.
 * - **One marker for every hidden figure**, primary or complementary: `{ suppressed: true,
 *   label: '<5' }`. Telling the two apart would tell the reader which hidden cells are large and
 *   narrow the others down. A report must therefore footnote the label as "fewer than 5, or
 *   hidden so that such a count cannot be worked out from the totals".
 * - **Totals are figures too**: a published total under the threshold is hidden like a cell.
 *
 * Model. The table with its margins is an (R+1) × (C+1) grid: row R holds the column totals,
 * column C the row totals, (R, C) the grand total. Every row and column of the grid is a line
 * with one equation: its members sum to its total. An unpublished total is an unknown. Hidden
 * and unknown positions are the edges of a bipartite graph between the grid's row nodes and
 * column nodes; a hidden value is fixed by the equations exactly when its edge is a bridge (it
 * lies on no cycle). So we hide cells until:
 * 1. no hidden position is a bridge (covers "one hidden cell in a line with a published total",
 *    and the same attack through several lines), and no unpublished total that is a bridge has
 *    a small value (it could be derived, then read as a small count);
 * 2. no line with a published total is *pinned*: its hidden cells sum to exactly their count
 *    (with zeros shown, each must then be 1).
 * Each step hides the published, not yet hidden position that closes a cycle through the
 * offending edge, else the next one in the offending lines: smallest non-zero value first.
 * Known limit: bounds combined across several lines can still narrow a hidden cell to a range;
 * only exact disclosure through the equations (and pinned single lines) is ruled out.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** A hidden figure. The label is the same for every hidden figure of one table. */
export interface SuppressedCell {
  readonly suppressed: true;
  readonly label: string;
}

export type Cell = number | SuppressedCell;

/**
 * A table of counts with the totals that will be published; a total left out is not published.
 * Cells may already be suppressed (a second pass, or a cell the caller must hide anyway).
 */
export interface CountTable {
  readonly cells: readonly (readonly Cell[])[];
  readonly rowTotals?: readonly Cell[];
  readonly columnTotals?: readonly Cell[];
  readonly grandTotal?: Cell;
}

export interface SuppressionOptions {
  /** Counts from 1 (0 with suppressZeros) to threshold − 1 are hidden. Default 5. */
  readonly threshold?: number;
  /** Hide zeros as well (default false: a 0 is published as 0). */
  readonly suppressZeros?: boolean;
}

export interface SuppressedList {
  readonly cells: Cell[];
  readonly total?: Cell;
}

export const isSuppressed = (cell: Cell): cell is SuppressedCell => typeof cell !== 'number';

/** The label of hidden figures for a threshold: '<5'. */
export const suppressionLabel = (threshold: number): string => `<${threshold}`;

/** One figure on its own (no totals to protect). */
export function suppressCount(
  n: number,
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
  suppressZeros = false,
): Cell {
  const rule = ruleOf({ threshold, suppressZeros });
  if (!isCount(n)) throw new RangeError(`count: must be a non-negative integer, got ${String(n)}`);
  return rule.small(n) ? rule.marker : n;
}

/** A plain table of counts with the chosen totals computed. */
export function withTotals(
  cells: readonly (readonly number[])[],
  publish: { rows?: boolean; columns?: boolean; grand?: boolean },
): CountTable {
  const width = cells[0]?.length ?? 0;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const columnTotals = Array.from({ length: width }, (_, j) => sum(cells.map((r) => r[j] ?? 0)));
  return {
    cells,
    ...(publish.rows ? { rowTotals: cells.map(sum) } : {}),
    ...(publish.columns ? { columnTotals } : {}),
    ...(publish.grand ? { grandTotal: sum(columnTotals) } : {}),
  };
}

/** One list of counts, with its total published unless `publishTotal: false`. */
export function suppressList(
  counts: readonly number[],
  options: SuppressionOptions & { publishTotal?: boolean } = {},
): SuppressedList {
  const out = suppressTable(withTotals([counts], { rows: options.publishTotal ?? true }), options);
  const total = out.rowTotals?.[0];
  return { cells: [...(out.cells[0] ?? [])], ...(total === undefined ? {} : { total }) };
}

/** Primary and complementary suppression of a table and its published totals. */
export function suppressTable(table: CountTable, options: SuppressionOptions = {}): CountTable {
  const rule = ruleOf(options);
  const grid = toGrid(table);
  grid.kind.forEach((k, p) => {
    if (k === SHOWN && rule.small(grid.value[p]!)) grid.kind[p] = HIDDEN;
  });
  // An empty table has nothing to protect: every total is 0.
  if (grid.rows > 0 && grid.cols > 0) {
    for (let p = nextToHide(grid, rule); p !== null; p = nextToHide(grid, rule)) {
      grid.kind[p] = HIDDEN;
    }
  }
  return fromGrid(grid, table, rule.marker);
}

// ---------------------------------------------------------------------------------------------
// The grid
// ---------------------------------------------------------------------------------------------

const SHOWN = 0;
const HIDDEN = 1;
const ABSENT = 2; // a total that is not published: an unknown to the reader

interface Grid {
  rows: number; // R: data rows; grid row R holds the column totals
  cols: number; // C: data columns; grid column C holds the row totals
  kind: Uint8Array; // per position p = i * (C + 1) + j
  value: (number | null)[]; // null when hidden on input or absent
}

interface Rule {
  small: (n: number) => boolean;
  marker: SuppressedCell;
  floor: number; // what a reader knows a hidden count is at least
}

function ruleOf(options: SuppressionOptions): Rule {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`threshold: must be an integer ≥ 1, got ${threshold}`);
  }
  const zeros = options.suppressZeros ?? false;
  return {
    small: (n) => n < threshold && (zeros || n > 0),
    marker: Object.freeze({ suppressed: true, label: suppressionLabel(threshold) }),
    floor: zeros ? 0 : 1,
  };
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function toGrid(table: CountTable): Grid {
  const R = table.cells.length;
  const C = table.cells[0]?.length ?? table.columnTotals?.length ?? 0;
  const W = C + 1;
  const kind = new Uint8Array((R + 1) * W).fill(ABSENT);
  const value: (number | null)[] = new Array<number | null>(kind.length).fill(null);
  const put = (i: number, j: number, cell: Cell, field: string) => {
    if (isSuppressed(cell) && cell.suppressed === true) kind[i * W + j] = HIDDEN;
    else if (isCount(cell)) [kind[i * W + j], value[i * W + j]] = [SHOWN, cell];
    else throw new RangeError(`${field}: must be a non-negative integer or suppressed`);
  };
  const line = (cells: readonly Cell[] | undefined, length: number, field: string) => {
    if (cells !== undefined && cells.length !== length) {
      throw new RangeError(`${field}: must have ${length} entries, got ${cells.length}`);
    }
  };
  table.cells.forEach((row, i) => {
    line(row, C, `cells[${i}]`);
    row.forEach((cell, j) => put(i, j, cell, `cells[${i}][${j}]`));
  });
  line(table.rowTotals, R, 'rowTotals');
  line(table.columnTotals, C, 'columnTotals');
  table.rowTotals?.forEach((cell, i) => put(i, C, cell, `rowTotals[${i}]`));
  table.columnTotals?.forEach((cell, j) => put(R, j, cell, `columnTotals[${j}]`));
  if (table.grandTotal !== undefined) put(R, C, table.grandTotal, 'grandTotal');
  const grid = { rows: R, cols: C, kind, value };
  checkTotals(grid);
  return grid;
}

/** Published totals must add up: a wrong total would make every guarantee here meaningless. */
function checkTotals(grid: Grid): void {
  const { rows: R, cols: C, kind, value } = grid;
  const all = positions(grid, (i, j) => i < R && j < C);
  const lines = [...linesOf(grid), { members: all, total: R * (C + 1) + C }];
  for (const { members, total } of lines) {
    if (kind[total] !== SHOWN || members.some((p) => kind[p] === ABSENT)) continue;
    const shown = members.filter((p) => kind[p] === SHOWN);
    const sum = shown.reduce((a, p) => a + value[p]!, 0);
    const exact = shown.length === members.length;
    if (exact ? sum !== value[total] : sum > value[total]!) {
      throw new RangeError(`table: a total (${value[total]}) does not match its cells (${sum})`);
    }
  }
}

function fromGrid(grid: Grid, table: CountTable, marker: SuppressedCell): CountTable {
  const W = grid.cols + 1;
  const at = (i: number, j: number): Cell =>
    grid.kind[i * W + j] === HIDDEN ? marker : grid.value[i * W + j]!;
  const R = grid.rows;
  const C = grid.cols;
  return {
    cells: table.cells.map((row, i) => row.map((_, j) => at(i, j))),
    ...(table.rowTotals ? { rowTotals: table.rowTotals.map((_, i) => at(i, C)) } : {}),
    ...(table.columnTotals ? { columnTotals: table.columnTotals.map((_, j) => at(R, j)) } : {}),
    ...(table.grandTotal === undefined ? {} : { grandTotal: at(R, C) }),
  };
}

function positions(grid: Grid, keep: (i: number, j: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i <= grid.rows; i++) {
    for (let j = 0; j <= grid.cols; j++) if (keep(i, j)) out.push(i * (grid.cols + 1) + j);
  }
  return out;
}

/** Every row and column of the grid: members and the position of their total. */
function linesOf(grid: Grid): { members: number[]; total: number }[] {
  const { rows: R, cols: C } = grid;
  const W = C + 1;
  const lines: { members: number[]; total: number }[] = [];
  for (let i = 0; i <= R; i++) {
    lines.push({ members: positions(grid, (r, j) => r === i && j < C), total: i * W + C });
  }
  for (let j = 0; j <= C; j++) {
    lines.push({ members: positions(grid, (i, c) => c === j && i < R), total: R * W + j });
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Complementary suppression
// ---------------------------------------------------------------------------------------------

/** The next position to hide, or null when the pattern is safe. */
function nextToHide(grid: Grid, rule: Rule): number | null {
  for (const p of bridges(grid)) {
    const side = componentsWithout(grid, p);
    if (grid.kind[p] === HIDDEN || rule.small(derivedValue(grid, p, side))) {
      return closeCycle(grid, p, side);
    }
  }
  for (const { members, total } of linesOf(grid)) {
    if (grid.kind[total] !== SHOWN || members.some((p) => grid.kind[p] === ABSENT)) continue;
    const hidden = members.filter((p) => grid.kind[p] === HIDDEN).length;
    const shown = members.filter((p) => grid.kind[p] === SHOWN);
    const hiddenSum = grid.value[total]! - shown.reduce((a, p) => a + grid.value[p]!, 0);
    if (hidden > 0 && hiddenSum <= hidden * rule.floor) return cheapest(grid, [...members, total]);
  }
  return null;
}

/** Graph nodes: grid row i is node i, grid column j is node R + 1 + j. */
function ends(grid: Grid, p: number): [number, number] {
  const W = grid.cols + 1;
  return [Math.floor(p / W), grid.rows + 1 + (p % W)];
}

function adjacency(grid: Grid, skip = -1): number[][] {
  const adj: number[][] = Array.from({ length: grid.rows + grid.cols + 2 }, () => []);
  grid.kind.forEach((k, p) => {
    if (k === SHOWN || p === skip) return;
    const [a, b] = ends(grid, p);
    adj[a]!.push(p);
    adj[b]!.push(p);
  });
  return adj;
}

/** Hidden or unknown positions that lie on no cycle (Tarjan), in ascending order. */
function bridges(grid: Grid): number[] {
  const adj = adjacency(grid);
  const order = new Array<number>(adj.length).fill(-1);
  const low = new Array<number>(adj.length).fill(0);
  const found: number[] = [];
  let counter = 0;
  const visit = (node: number, via: number): void => {
    order[node] = low[node] = counter++;
    for (const p of adj[node]!) {
      if (p === via) continue;
      const [a, b] = ends(grid, p);
      const next = a === node ? b : a;
      if (order[next] === -1) {
        visit(next, p);
        low[node] = Math.min(low[node], low[next]!);
        if (low[next]! > order[node]) found.push(p);
      } else {
        low[node] = Math.min(low[node], order[next]!);
      }
    }
  };
  for (let n = 0; n < adj.length; n++) if (order[n] === -1) visit(n, -1);
  return found.sort((x, y) => x - y);
}

/** Connected-component label of every node, with position `skip` left out of the graph. */
function componentsWithout(grid: Grid, skip: number): Int32Array {
  const adj = adjacency(grid, skip);
  const label = new Int32Array(adj.length).fill(-1);
  adj.forEach((_, start) => {
    if (label[start] !== -1) return;
    const stack = [start];
    label[start] = start;
    for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
      for (const p of adj[n]!) {
        for (const m of ends(grid, p)) {
          if (label[m] === -1) [label[m], stack[stack.length]] = [start, m];
        }
      }
    }
  });
  return label;
}

/**
 * The value of bridge p as a reader derives it. With y = s·x (s = −1 on exactly one margin),
 * each node's incident y sum to 0; summing the row nodes of p's side minus its column nodes
 * cancels every hidden edge but p and leaves p against published values.
 */
function derivedValue(grid: Grid, p: number, side: Int32Array): number {
  const W = grid.cols + 1;
  const sign = (q: number) =>
    (q % W === grid.cols ? -1 : 1) * (Math.floor(q / W) === grid.rows ? -1 : 1);
  const mine = side[ends(grid, p)[0]];
  let sum = 0;
  grid.kind.forEach((k, q) => {
    if (k !== SHOWN) return;
    const [a, b] = ends(grid, q);
    sum += sign(q) * grid.value[q]! * (Number(side[a] === mine) - Number(side[b] === mine));
  });
  return -sign(p) * sum;
}

/** Hide what puts bridge p on a cycle: a position joining its two sides, else one of its lines. */
function closeCycle(grid: Grid, p: number, side: Int32Array): number | null {
  const [a, b] = ends(grid, p);
  const sides = [side[a], side[b]];
  const shown = positions(grid, () => true).filter((q) => grid.kind[q] === SHOWN);
  const joining = shown.filter((q) => {
    const [x, y] = ends(grid, q);
    return sides.includes(side[x]) && sides.includes(side[y]) && side[x] !== side[y];
  });
  const inLines = shown.filter((q) => ends(grid, q).some((n) => n === a || n === b));
  return cheapest(grid, joining) ?? cheapest(grid, inLines) ?? cheapest(grid, shown);
}

/** The shown position losing least information: smallest non-zero value, then zero, then first. */
function cheapest(grid: Grid, candidates: readonly number[]): number | null {
  let best: number | null = null;
  const cost = (q: number) => {
    const v = grid.value[q]!;
    return v === 0 ? Infinity : v;
  };
  for (const q of candidates) {
    if (grid.kind[q] !== SHOWN) continue;
    if (best === null || cost(q) < cost(best) || (cost(q) === cost(best) && q < best)) best = q;
  }
  return best;
}
