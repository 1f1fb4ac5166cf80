/**
 * The protection-monitoring form as an XLSForm workbook (sheets `survey`, `choices`, `settings`;
 * https://xlsform.org) that field teams load into KoboToolbox or ODK. One submission is one
 * assessment: a person, an article, the access observed and its barriers, how it was observed,
 * how reliable the source is, the day, a note. Its question names are the columns the round
 * import reads (import.ts), so a Kobo export, or a spreadsheet with these headers, imports as is.
 * Labels in the four UI languages; choice names are the codes the API uses.
 */
import ExcelJS from 'exceljs';
import { CATALOGUE, CATALOGUE_VERSION } from './catalogue.ts';
import type { ASSESSMENT_METHODS, BARRIERS, RELIABILITY_GRADES } from './schema.ts';

type Lang = 'en' | 'sq' | 'ar' | 'fa';
type Text = Record<Lang, string>;

const LANGUAGES: Record<Lang, string> = {
  en: 'English (en)',
  sq: 'Shqip (sq)',
  ar: 'العربية (ar)',
  fa: 'فارسی (fa)',
};
const LANGS = Object.keys(LANGUAGES) as Lang[];

export const FORM_ID = 'asylon_rights_monitoring';
/** Bump when a question or a list changes; the catalogue version names the article list. */
export const FORM_VERSION = `2026.1-${CATALOGUE_VERSION}`;

/** The question names, which are also the import's column names. */
export const FORM_FIELDS = {
  person: 'person',
  article: 'article',
  access: 'access',
  barriers: 'barriers',
  method: 'method',
  reliability: 'reliability',
  assessedOn: 'assessed_on',
  note: 'note',
} as const;
export type FormField = keyof typeof FORM_FIELDS;

/** Articles that owe something (savings clauses owe nothing by themselves), catalogue order. */
export const FORM_ARTICLES = CATALOGUE.filter((a) => a.attachment !== null);

const ACCESS: Record<string, Text> = {
  full: { en: 'Full access', sq: 'Qasje e plotë', ar: 'وصول كامل', fa: 'دسترسی کامل' },
  partial: { en: 'Partial access', sq: 'Qasje e pjesshme', ar: 'وصول جزئي', fa: 'دسترسی جزئی' },
  none: { en: 'No access', sq: 'Pa qasje', ar: 'لا وصول', fa: 'بدون دسترسی' },
  unknown: { en: 'Unknown', sq: 'E panjohur', ar: 'غير معروف', fa: 'نامعلوم' },
};

const METHODS: Record<(typeof ASSESSMENT_METHODS)[number], Text> = {
  interview: { en: 'Interview', sq: 'Intervistë', ar: 'مقابلة', fa: 'مصاحبه' },
  document: { en: 'Document', sq: 'Dokument', ar: 'وثيقة', fa: 'سند' },
  observation: { en: 'Observation', sq: 'Vëzhgim', ar: 'ملاحظة', fa: 'مشاهده' },
};

const RELIABILITY: Record<(typeof RELIABILITY_GRADES)[number], Text> = {
  A: {
    en: 'Completely reliable',
    sq: 'Plotësisht e besueshme',
    ar: 'موثوق تمامًا',
    fa: 'کاملاً معتبر',
  },
  B: { en: 'Usually reliable', sq: 'Zakonisht e besueshme', ar: 'موثوق عادةً', fa: 'معمولاً معتبر' },
  C: { en: 'Fairly reliable', sq: 'Mjaft e besueshme', ar: 'موثوق إلى حد ما', fa: 'نسبتاً معتبر' },
  D: {
    en: 'Not usually reliable',
    sq: 'Zakonisht jo e besueshme',
    ar: 'غير موثوق عادةً',
    fa: 'معمولاً نامعتبر',
  },
  E: { en: 'Unreliable', sq: 'Jo e besueshme', ar: 'غير موثوق', fa: 'نامعتبر' },
  F: {
    en: 'Cannot be judged',
    sq: 'Nuk mund të gjykohet',
    ar: 'لا يمكن الحكم',
    fa: 'قابل قضاوت نیست',
  },
};

const BARRIER_LABELS: Record<(typeof BARRIERS)[number], Text> = {
  movement_restricted_by_site: {
    en: 'Movement restricted by the site',
    sq: 'Lëvizje e kufizuar nga kampi',
    ar: 'تقييد التنقل من قبل الموقع',
    fa: 'محدودیت رفت‌وآمد از سوی محل',
  },
  no_work_permit: {
    en: 'No work permit',
    sq: 'Pa leje pune',
    ar: 'لا تصريح عمل',
    fa: 'نداشتن مجوز کار',
  },
  documents_withheld: {
    en: 'Documents withheld',
    sq: 'Dokumente të mbajtura nga të tjerë',
    ar: 'وثائق محتجزة',
    fa: 'مدارک نزد دیگران نگه داشته شده',
  },
  no_documents: { en: 'No documents', sq: 'Pa dokumente', ar: 'لا وثائق', fa: 'نداشتن مدارک' },
  language: { en: 'Language', sq: 'Gjuha', ar: 'اللغة', fa: 'زبان' },
  cost: { en: 'Cost', sq: 'Kostoja', ar: 'التكلفة', fa: 'هزینه' },
  distance: { en: 'Distance', sq: 'Largësia', ar: 'المسافة', fa: 'مسافت' },
  discrimination: { en: 'Discrimination', sq: 'Diskriminimi', ar: 'التمييز', fa: 'تبعیض' },
  legal_exclusion: {
    en: 'Excluded by law',
    sq: 'I përjashtuar me ligj',
    ar: 'مستبعد بموجب القانون',
    fa: 'محرومیت قانونی',
  },
  administrative_refusal: {
    en: 'Refused by the administration',
    sq: 'Refuzim nga administrata',
    ar: 'رفض إداري',
    fa: 'رد از سوی اداره',
  },
  fear_of_reprisal: {
    en: 'Fear of reprisal',
    sq: 'Frika nga hakmarrja',
    ar: 'الخوف من الانتقام',
    fa: 'ترس از تلافی',
  },
  lack_of_information: {
    en: 'Lack of information',
    sq: 'Mungesë informacioni',
    ar: 'نقص المعلومات',
    fa: 'کمبود اطلاعات',
  },
  other: { en: 'Other', sq: 'Tjetër', ar: 'أخرى', fa: 'دیگر' },
};

interface Question {
  type: string;
  name: string;
  label: Text;
  hint?: Text;
  required?: boolean;
  relevant?: string;
  constraint?: string;
  constraintMessage?: Text;
}

const QUESTIONS: Question[] = [
  {
    type: 'text',
    name: FORM_FIELDS.person,
    label: { en: 'Person', sq: 'Personi', ar: 'الشخص', fa: 'شخص' },
    hint: {
      en: 'The Asylon person id, or the registration number (external id) on record.',
      sq: 'ID-ja e personit në Asylon, ose numri i regjistrimit (ID e jashtme) në regjistër.',
      ar: 'معرّف الشخص في Asylon، أو رقم التسجيل (المعرّف الخارجي) المسجّل.',
      fa: 'شناسه شخص در Asylon، یا شماره ثبت (شناسه خارجی) ثبت‌شده.',
    },
    required: true,
  },
  {
    type: 'select_one article',
    name: FORM_FIELDS.article,
    label: {
      en: 'Right (article of the 1951 Convention)',
      sq: 'E drejta (neni i Konventës së 1951)',
      ar: 'الحق (مادة من اتفاقية 1951)',
      fa: 'حق (ماده کنوانسیون ۱۹۵۱)',
    },
    required: true,
  },
  {
    type: 'select_one access',
    name: FORM_FIELDS.access,
    label: {
      en: 'Access to the right',
      sq: 'Qasja në të drejtën',
      ar: 'الوصول إلى الحق',
      fa: 'دسترسی به این حق',
    },
    required: true,
  },
  {
    type: 'select_multiple barrier',
    name: FORM_FIELDS.barriers,
    label: { en: 'Barriers', sq: 'Pengesat', ar: 'العوائق', fa: 'موانع' },
    relevant: "${access} = 'partial' or ${access} = 'none'",
  },
  {
    type: 'select_one method',
    name: FORM_FIELDS.method,
    label: { en: 'Method', sq: 'Metoda', ar: 'الطريقة', fa: 'روش' },
    required: true,
  },
  {
    type: 'select_one reliability',
    name: FORM_FIELDS.reliability,
    label: {
      en: 'Reliability of the source',
      sq: 'Besueshmëria e burimit',
      ar: 'موثوقية المصدر',
      fa: 'اعتبار منبع',
    },
    required: true,
  },
  {
    type: 'date',
    name: FORM_FIELDS.assessedOn,
    label: { en: 'Assessed on', sq: 'Vlerësuar më', ar: 'تاريخ التقييم', fa: 'تاریخ ارزیابی' },
    required: true,
    constraint: '. <= today()',
    constraintMessage: {
      en: 'The day must not be in the future.',
      sq: 'Data nuk mund të jetë në të ardhmen.',
      ar: 'يجب ألا يكون التاريخ في المستقبل.',
      fa: 'تاریخ نباید در آینده باشد.',
    },
  },
  {
    type: 'text',
    name: FORM_FIELDS.note,
    label: { en: 'Note', sq: 'Shënim', ar: 'ملاحظة', fa: 'یادداشت' },
    hint: {
      en: 'Facts only; no names of other people.',
      sq: 'Vetëm fakte; pa emra të personave të tjerë.',
      ar: 'وقائع فقط؛ دون أسماء أشخاص آخرين.',
      fa: 'فقط واقعیت‌ها؛ بدون نام افراد دیگر.',
    },
  },
];

interface Choice {
  list: string;
  name: string;
  label: Text;
}

function choices(): Choice[] {
  const article = FORM_ARTICLES.map((a) => ({
    list: 'article',
    name: a.article,
    label: {
      en: `Art. ${a.article} — ${a.title}`,
      sq: `Neni ${a.article} — ${a.summary.sq}`,
      ar: `المادة ${a.article} — ${a.summary.ar}`,
      fa: `ماده ${a.article} — ${a.summary.fa}`,
    },
  }));
  const list = (name: string, labels: Record<string, Text>) =>
    Object.entries(labels).map(([code, label]) => ({ list: name, name: code, label }));
  return [
    ...article,
    ...list('access', ACCESS),
    ...list('barrier', BARRIER_LABELS),
    ...list('method', METHODS),
    ...list('reliability', RELIABILITY),
  ];
}

const localised = (prefix: string) => LANGS.map((l) => `${prefix}::${LANGUAGES[l]}`);

/** The XLSForm workbook, as the bytes of an .xlsx file. */
export async function monitoringFormWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Asylon';
  const survey = book.addWorksheet('survey');
  survey.addRow([
    'type',
    'name',
    ...localised('label'),
    ...localised('hint'),
    'required',
    'relevant',
    'constraint',
    ...localised('constraint_message'),
  ]);
  for (const q of QUESTIONS)
    survey.addRow([
      q.type,
      q.name,
      ...LANGS.map((l) => q.label[l]),
      ...LANGS.map((l) => q.hint?.[l] ?? ''),
      q.required ? 'yes' : '',
      q.relevant ?? '',
      q.constraint ?? '',
      ...LANGS.map((l) => q.constraintMessage?.[l] ?? ''),
    ]);

  const sheet = book.addWorksheet('choices');
  sheet.addRow(['list_name', 'name', ...localised('label')]);
  for (const c of choices()) sheet.addRow([c.list, c.name, ...LANGS.map((l) => c.label[l])]);

  const settings = book.addWorksheet('settings');
  settings.addRow(['form_title', 'form_id', 'version', 'default_language']);
  settings.addRow(['Asylon — rights access monitoring', FORM_ID, FORM_VERSION, LANGUAGES.en]);

  for (const ws of [survey, sheet, settings]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
