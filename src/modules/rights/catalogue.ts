/**
 * The 1951 Refugee Convention, Articles 3–34, as versioned data: what each right owes (the
 * standard of treatment), to whom (the level of attachment), and on which reading where the
 * reading is contested. Source table and points of interpretation:
 * shared/reference/convention-1951.md. The engine (engine.ts) reads everything from here and
 * knows no article number. Design and choices: docs/rights-engine.md.
 */

/** Bump when a row changes, and store it with any computed entitlements. */
export const CATALOGUE_VERSION = '1951-hathaway-2021.1';

/** Standard of treatment: what the refugee is compared with. */
export type Standard = 'ABS' | 'NAT' | 'MFN' | 'AFP' | 'AG' | 'other';
/** Level of attachment a right needs; HR (habitual residence) is a separate test. */
export type Attachment = 'J' | 'P' | 'LP' | 'LS' | 'HR' | 'DR';
/** One plain-language line per UI language: English, Albanian, Arabic, Persian. */
export interface Summary {
  en: string;
  sq: string;
  ar: string;
  fa: string;
}

/** How a jurisdiction reads the uncertain points (reference, "Points of interpretation"). */
export interface InterpretationSettings {
  /** Arts 13, 20, 22: J (text: no qualifier) or P (Hathaway's grouping). */
  art13_20_22: 'J' | 'P';
  /** Arts 14, 16(2): HR (text) or LS (Hathaway's grouping). */
  art14_16_2: 'HR' | 'LS';
  /** Art 25: P (Hathaway) or LS (the text's "residing" read as lawful stay). */
  art25: 'P' | 'LS';
  /** Where an HR right sits on the J → DR ladder when art14_16_2 is HR. */
  habitualResidenceAs: 'P' | 'LP' | 'LS' | 'DR';
  /** When the three years of durable residence start counting (a host-law question). */
  durableResidenceFrom: 'arrival' | 'application' | 'recognition';
}

/** The settings a row can be contested under; 'inferred' = attachment read from silence. */
export type InterpretationPoint =
  'art13_20_22' | 'art14_16_2' | 'art25' | 'durableResidenceFrom' | 'inferred';

export interface ArticleRight {
  /** Article and paragraph as written: '3', '17(1)', '17(2)(a)'. */
  article: string;
  title: string;
  standard: Standard;
  /** Who the refugee is compared with, in plain words; null for absolute rights. */
  comparator: string | null;
  /** null for savings and interpretive clauses, which owe nothing by themselves. */
  attachment: Attachment | null;
  /** A fact the engine cannot check, shown with the result. */
  condition: string | null;
  contested: boolean;
  contestedPoint: InterpretationPoint | null;
  /** false where the Convention forbids reservations. */
  reservable: boolean;
  /** Set where the duty binds States not party too (customary law), with its authority. */
  customary: string | null;
  source: string;
  summary: Summary;
  /** Set by catalogueFor when a setting changed this row: which setting, and why. */
  override: string | null;
}

export const INTERPRETATION_DEFAULTS: Readonly<InterpretationSettings> = Object.freeze({
  art13_20_22: 'J',
  art14_16_2: 'HR',
  art25: 'P',
  habitualResidenceAs: 'LS',
  durableResidenceFrom: 'arrival',
});

/** Why each reading of each setting is held; cited by every row a setting overrides. */
export const READINGS = {
  art13_20_22: {
    J: 'the text has no qualifier, so any refugee under the jurisdiction is owed them',
    P: 'Hathaway discusses them with the rights of refugees physically present',
  },
  art14_16_2: {
    HR: 'the text pegs them to the country of habitual residence',
    LS: 'Hathaway groups them with the rights of refugees lawfully staying',
  },
  art25: {
    P: 'Hathaway treats it as a mandatory right of refugees physically present',
    LS: 'the text says "residing", read here as lawful stay',
  },
  habitualResidenceAs: {
    P: 'habitual residence read as a fact: living in the territory',
    LP: 'habitual residence read as residence authorised by host law',
    LS: 'habitual residence read as settled, officially sanctioned residence (lawful stay)',
    DR: 'habitual residence read as three years of residence',
  },
  durableResidenceFrom: {
    arrival: 'the text counts "residence", which starts on arrival',
    application: 'host law counts residence from the asylum application',
    recognition: 'host law counts residence from recognition',
  },
} as const satisfies {
  [K in keyof InterpretationSettings]: Record<InterpretationSettings[K], string>;
};

const CONVENTION = 'Convention relating to the Status of Refugees (1951), 189 UNTS 137';
const HATHAWAY = 'J. C. Hathaway, The Rights of Refugees under International Law (2nd ed. 2021)';

const COMPARATORS: Record<Standard, string | null> = {
  ABS: null,
  NAT: 'nationals',
  MFN: 'most favoured foreign nationals',
  AFP: 'as favourable as possible, and not less than aliens generally',
  AG: 'aliens generally',
  other: null,
};

interface RowInput extends Partial<Omit<ArticleRight, 'summary' | 'source'>> {
  article: string;
  title: string;
  standard: Standard;
  attachment: Attachment | null;
  summary: [en: string, sq: string, ar: string, fa: string];
}

function right(r: RowInput): ArticleRight {
  const [en, sq, ar, fa] = r.summary;
  return Object.freeze({
    comparator: COMPARATORS[r.standard],
    condition: null,
    contestedPoint: null,
    reservable: true,
    customary: null,
    override: null,
    ...r,
    contested: (r.contestedPoint ?? null) !== null,
    source: `${CONVENTION}, art. ${r.article}; ${HATHAWAY}, ch. 3`,
    summary: Object.freeze({ en, sq, ar, fa }),
  });
}

const ROWS: RowInput[] = [
  {
    article: '3',
    title: 'Non-discrimination',
    standard: 'ABS',
    attachment: 'J',
    reservable: false,
    condition: 'grounds covered: race, religion, country of origin',
    summary: [
      'The Convention is applied without discrimination by race, religion or country of origin.',
      'Konventa zbatohet pa diskriminim për shkak të racës, fesë ose vendit të origjinës.',
      'تُطبَّق الاتفاقية دون تمييز بسبب العرق أو الدين أو بلد المنشأ.',
      'کنوانسیون بدون تبعیض بر اساس نژاد، دین یا کشور مبدأ اجرا می‌شود.',
    ],
  },
  {
    article: '4',
    title: 'Religion',
    standard: 'NAT',
    comparator: 'nationals (treatment at least as favourable)',
    attachment: 'P',
    reservable: false,
    summary: [
      'Freedom to practise your religion and to give your children religious education.',
      'Liri për të ushtruar fenë tuaj dhe për t’u dhënë fëmijëve edukim fetar.',
      'حرية ممارسة دينك وتعليم أطفالك الدين.',
      'آزادی انجام آیین دینی و آموزش دینی فرزندان.',
    ],
  },
  {
    article: '5',
    title: 'Rights granted apart from this Convention',
    standard: 'other',
    attachment: null,
    summary: [
      'Rights the State gives apart from the Convention are not reduced by it.',
      'Të drejtat që shteti jep jashtë Konventës nuk cenohen prej saj.',
      'لا تنتقص الاتفاقية من الحقوق التي تمنحها الدولة خارجها.',
      'کنوانسیون از حقوقی که دولت جدا از آن می‌دهد نمی‌کاهد.',
    ],
  },
  {
    article: '6',
    title: 'The term "in the same circumstances"',
    standard: 'other',
    attachment: null,
    summary: [
      'Requirements a refugee cannot meet because of being a refugee are waived.',
      'Kërkesat që një refugjat nuk mund t’i plotësojë për shkak se është refugjat hiqen.',
      'يُعفى اللاجئ من الشروط التي لا يستطيع استيفاءها بحكم كونه لاجئاً.',
      'شرایطی که پناهنده به سبب پناهنده بودن نمی‌تواند برآورده کند، از او خواسته نمی‌شود.',
    ],
  },
  {
    article: '7(1)',
    title: 'Exemption from reciprocity',
    standard: 'AG',
    attachment: 'J',
    summary: [
      'At least the treatment given to foreigners in general.',
      'Të paktën trajtimi që u jepet të huajve në përgjithësi.',
      'معاملة لا تقل عن المعاملة الممنوحة للأجانب عموماً.',
      'دست‌کم همان رفتاری که با خارجیان به طور کلی می‌شود.',
    ],
  },
  {
    article: '7(2)',
    title: 'Exemption from legislative reciprocity',
    standard: 'ABS',
    attachment: 'DR',
    contestedPoint: 'durableResidenceFrom',
    summary: [
      'After three years’ residence, no right depends on reciprocity with your country.',
      'Pas tre vitesh banimi, asnjë e drejtë nuk varet nga reciprociteti me vendin tuaj.',
      'بعد ثلاث سنوات من الإقامة، لا يتوقف أي حق على المعاملة بالمثل مع بلدك.',
      'پس از سه سال اقامت، هیچ حقی به معامله متقابل با کشور شما وابسته نیست.',
    ],
  },
  {
    article: '8',
    title: 'Exemption from exceptional measures',
    standard: 'ABS',
    comparator: null,
    attachment: 'J',
    contestedPoint: 'inferred',
    condition: 'States that cannot apply it grant exemptions "in appropriate cases"',
    summary: [
      'Measures against citizens of your country of origin are not applied to you for that reason.',
      'Masat kundër shtetasve të vendit tuaj të origjinës nuk zbatohen ndaj jush për këtë arsye.',
      'لا تُطبَّق عليك التدابير الاستثنائية ضد مواطني بلدك الأصلي بسبب جنسيتك وحدها.',
      'اقدامات استثنایی علیه اتباع کشور مبدأ تنها به سبب تابعیت بر شما اعمال نمی‌شود.',
    ],
  },
  {
    article: '9',
    title: 'Provisional measures',
    standard: 'other',
    attachment: null,
    summary: [
      'In war or grave emergencies, the State may take provisional security measures.',
      'Në luftë ose rrethana të rënda, shteti mund të marrë masa të përkohshme sigurie.',
      'في الحرب أو الظروف الخطيرة يجوز للدولة اتخاذ تدابير أمنية مؤقتة.',
      'در جنگ یا شرایط وخیم، دولت می‌تواند تدابیر امنیتی موقت اتخاذ کند.',
    ],
  },
  {
    article: '10',
    title: 'Continuity of residence',
    standard: 'other',
    attachment: null,
    summary: [
      'Residence after forced displacement in the Second World War counts (historical).',
      'Banimi pas zhvendosjes së detyruar në Luftën e Dytë Botërore llogaritet (historike).',
      'تُحتسب الإقامة بعد التهجير القسري في الحرب العالمية الثانية (حكم تاريخي).',
      'اقامت پس از جابه‌جایی اجباری در جنگ جهانی دوم محاسبه می‌شود (تاریخی).',
    ],
  },
  {
    article: '11',
    title: 'Refugee seamen',
    standard: 'other',
    comparator: 'sympathetic consideration',
    attachment: 'J',
    condition: 'only for refugees regularly serving as crew on ships flying the State’s flag',
    summary: [
      'Refugee crew on the State’s ships get sympathetic consideration to settle there.',
      'Refugjatët në ekuipazhin e anijeve të shtetit shqyrtohen me dashamirësi për t’u vendosur.',
      'يُنظر بعين العطف في استقرار اللاجئين العاملين بحّارة على سفن الدولة.',
      'به اقامت پناهندگانی که خدمه کشتی‌های این دولت‌اند با نظر مساعد رسیدگی می‌شود.',
    ],
  },
  {
    article: '12',
    title: 'Personal status',
    standard: 'ABS',
    attachment: 'J',
    contestedPoint: 'inferred',
    summary: [
      'Your personal status (such as marriage) follows the law of your residence; it is respected.',
      'Statusi juaj personal (p.sh. martesa) ndjek ligjin e vendbanimit dhe respektohet.',
      'يخضع وضعك الشخصي (كالزواج) لقانون إقامتك، وتُحترم الحقوق المكتسبة.',
      'احوال شخصیه شما (مانند ازدواج) تابع قانون محل اقامت است و محترم شمرده می‌شود.',
    ],
  },
  {
    article: '13',
    title: 'Movable and immovable property',
    standard: 'AFP',
    attachment: 'J',
    contestedPoint: 'art13_20_22',
    summary: [
      'Owning and renting property on terms as favourable as possible.',
      'Pronësi dhe qira pasurie me kushte sa më të favorshme.',
      'تملّك الأموال واستئجارها بأفضل معاملة ممكنة.',
      'مالکیت و اجاره اموال با مساعدترین شرایط ممکن.',
    ],
  },
  {
    article: '14',
    title: 'Artistic rights and industrial property',
    standard: 'NAT',
    comparator: 'nationals of the country of habitual residence',
    attachment: 'HR',
    contestedPoint: 'art14_16_2',
    summary: [
      'Copyright, patents and trademarks protected as for nationals where you usually live.',
      'E drejta e autorit, patentat dhe markat mbrohen si për shtetasit e vendit ku jetoni.',
      'حماية حقوق المؤلف والبراءات والعلامات كما لمواطني بلد إقامتك المعتادة.',
      'حق مؤلف، اختراع و علامت تجاری مانند اتباع کشور محل اقامت معمول شما حمایت می‌شود.',
    ],
  },
  {
    article: '15',
    title: 'Right of association',
    standard: 'MFN',
    attachment: 'LS',
    condition: 'non-political, non-profit associations and trade unions',
    summary: [
      'Joining non-political, non-profit associations and trade unions.',
      'Anëtarësim në shoqata jopolitike e jofitimprurëse dhe në sindikata.',
      'الانضمام إلى الجمعيات غير السياسية وغير الربحية والنقابات.',
      'عضویت در انجمن‌های غیرسیاسی و غیرانتفاعی و اتحادیه‌های کارگری.',
    ],
  },
  {
    article: '16(1)',
    title: 'Access to courts',
    standard: 'ABS',
    attachment: 'J',
    reservable: false,
    summary: [
      'Free access to the courts.',
      'Qasje e lirë në gjykata.',
      'حق اللجوء الحر إلى المحاكم.',
      'دسترسی آزاد به دادگاه‌ها.',
    ],
  },
  {
    article: '16(2)',
    title: 'Access to courts: legal assistance and security for costs',
    standard: 'NAT',
    attachment: 'HR',
    contestedPoint: 'art14_16_2',
    summary: [
      'Legal aid and no security for costs, as for nationals, where you usually live.',
      'Ndihmë juridike dhe pa garanci për shpenzimet, si shtetasit, ku jetoni zakonisht.',
      'المساعدة القضائية والإعفاء من كفالة المصاريف كالمواطنين في بلد إقامتك المعتادة.',
      'معاضدت حقوقی و معافیت از تأمین هزینه دادرسی مانند اتباع، در محل اقامت معمول.',
    ],
  },
  {
    article: '17(1)',
    title: 'Wage-earning employment',
    standard: 'MFN',
    attachment: 'LS',
    summary: [
      'Working for a wage, as the most favoured foreigners.',
      'Punë me pagë, si të huajt më të favorizuar.',
      'العمل المأجور، كأفضل الأجانب معاملةً.',
      'اشتغال مزدبگیری، مانند مساعدترین خارجیان.',
    ],
  },
  {
    article: '17(2)(a)',
    title: 'Wage-earning employment free of labour-market restrictions: three years’ residence',
    standard: 'ABS',
    attachment: 'DR',
    contestedPoint: 'durableResidenceFrom',
    summary: [
      'After three years’ residence, labour-market limits on foreigners no longer apply to you.',
      'Pas tre vitesh banimi, kufizimet e tregut të punës për të huajt nuk ju zbatohen më.',
      'بعد ثلاث سنوات من الإقامة لا تُطبَّق عليك قيود سوق العمل المفروضة على الأجانب.',
      'پس از سه سال اقامت، محدودیت‌های بازار کار برای خارجیان بر شما اعمال نمی‌شود.',
    ],
  },
  {
    article: '17(2)(b)',
    title: 'Wage-earning employment free of labour-market restrictions: national spouse',
    standard: 'ABS',
    attachment: 'LS',
    condition: 'has a spouse of the host state’s nationality (and has not abandoned them)',
    summary: [
      'Labour-market limits do not apply if your spouse is a national of this country.',
      'Kufizimet e tregut të punës nuk zbatohen nëse bashkëshorti është shtetas i këtij vendi.',
      'لا تُطبَّق قيود سوق العمل إذا كان زوجك أو زوجتك من مواطني هذا البلد.',
      'اگر همسر شما تبعه این کشور باشد، محدودیت‌های بازار کار اعمال نمی‌شود.',
    ],
  },
  {
    article: '17(2)(c)',
    title: 'Wage-earning employment free of labour-market restrictions: national child',
    standard: 'ABS',
    attachment: 'LS',
    condition: 'has one or more children of the host state’s nationality',
    summary: [
      'Labour-market limits do not apply if you have a child who is a national of this country.',
      'Kufizimet e tregut të punës nuk zbatohen nëse keni fëmijë shtetas të këtij vendi.',
      'لا تُطبَّق قيود سوق العمل إذا كان لك طفل من مواطني هذا البلد.',
      'اگر فرزندی دارید که تبعه این کشور است، محدودیت‌های بازار کار اعمال نمی‌شود.',
    ],
  },
  {
    article: '18',
    title: 'Self-employment',
    standard: 'AFP',
    attachment: 'LP',
    summary: [
      'Working for yourself in farming, industry, crafts or trade.',
      'Punë e pavarur në bujqësi, industri, zejtari ose tregti.',
      'العمل الحر في الزراعة أو الصناعة أو الحرف أو التجارة.',
      'کار آزاد در کشاورزی، صنعت، صنایع دستی یا تجارت.',
    ],
  },
  {
    article: '19',
    title: 'Liberal professions',
    standard: 'AFP',
    attachment: 'LS',
    condition: 'holds diplomas recognised by the host state',
    summary: [
      'Practising a liberal profession with recognised diplomas.',
      'Ushtrimi i një profesioni të lirë me diploma të njohura.',
      'ممارسة مهنة حرة بشهادات معترف بها.',
      'اشتغال به حرفه‌های آزاد با مدارک شناخته‌شده.',
    ],
  },
  {
    article: '20',
    title: 'Rationing',
    standard: 'NAT',
    attachment: 'J',
    contestedPoint: 'art13_20_22',
    condition: 'only where a general rationing system exists',
    summary: [
      'The same rations as nationals where rationing applies to everyone.',
      'Të njëjtat racione si shtetasit, kur racionimi zbatohet për të gjithë.',
      'حصص التموين نفسها كالمواطنين حيث يوجد نظام تقنين عام.',
      'سهمیه برابر با اتباع، هر جا سهمیه‌بندی همگانی باشد.',
    ],
  },
  {
    article: '21',
    title: 'Housing',
    standard: 'AFP',
    attachment: 'LS',
    condition: 'only where housing is regulated by law or under public control',
    summary: [
      'Housing on terms as favourable as possible, where housing is regulated.',
      'Strehim me kushte sa më të favorshme, kur strehimi rregullohet me ligj.',
      'السكن بأفضل معاملة ممكنة حيث يخضع السكن للتنظيم.',
      'مسکن با مساعدترین شرایط ممکن، هر جا مسکن تحت مقررات است.',
    ],
  },
  {
    article: '22(1)',
    title: 'Public education: elementary',
    standard: 'NAT',
    attachment: 'J',
    contestedPoint: 'art13_20_22',
    summary: [
      'Elementary education, the same as nationals.',
      'Arsim fillor, njësoj si shtetasit.',
      'التعليم الابتدائي، كالمواطنين.',
      'آموزش ابتدایی، برابر با اتباع.',
    ],
  },
  {
    article: '22(2)',
    title: 'Public education: beyond elementary',
    standard: 'AFP',
    attachment: 'J',
    contestedPoint: 'art13_20_22',
    summary: [
      'Further education, recognition of certificates, fees and scholarships.',
      'Arsim i mëtejshëm, njohje dëshmish, tarifa dhe bursa.',
      'التعليم غير الابتدائي والاعتراف بالشهادات والرسوم والمنح الدراسية.',
      'آموزش غیرابتدایی، شناسایی مدارک، شهریه و بورس تحصیلی.',
    ],
  },
  {
    article: '23',
    title: 'Public relief',
    standard: 'NAT',
    attachment: 'LS',
    summary: [
      'Public relief and assistance, the same as nationals.',
      'Ndihmë publike, njësoj si shtetasit.',
      'الإغاثة والمساعدة العامة، كالمواطنين.',
      'امداد و کمک‌های عمومی، برابر با اتباع.',
    ],
  },
  {
    article: '24',
    title: 'Labour legislation and social security',
    standard: 'NAT',
    attachment: 'LS',
    condition: 'subject to the limits on acquired rights and publicly funded benefits in 24(1)(b)',
    summary: [
      'Labour-law protection and social security, the same as nationals.',
      'Mbrojtje nga ligji i punës dhe sigurime shoqërore, njësoj si shtetasit.',
      'حماية قانون العمل والضمان الاجتماعي، كالمواطنين.',
      'حمایت قانون کار و تأمین اجتماعی، برابر با اتباع.',
    ],
  },
  {
    article: '25',
    title: 'Administrative assistance',
    standard: 'ABS',
    attachment: 'P',
    contestedPoint: 'art25',
    summary: [
      'Help to obtain documents that a foreign authority would normally issue.',
      'Ndihmë për të marrë dokumente që zakonisht i lëshon një autoritet i huaj.',
      'المساعدة في الحصول على وثائق تصدرها عادةً سلطات أجنبية.',
      'کمک برای دریافت مدارکی که معمولاً مقامات خارجی صادر می‌کنند.',
    ],
  },
  {
    article: '26',
    title: 'Freedom of movement',
    standard: 'AG',
    attachment: 'LP',
    summary: [
      'Choosing where to live and moving freely within the country.',
      'Zgjedhja e vendbanimit dhe lëvizja e lirë brenda vendit.',
      'اختيار مكان الإقامة والتنقل بحرية داخل البلد.',
      'انتخاب محل اقامت و رفت‌وآمد آزاد در داخل کشور.',
    ],
  },
  {
    article: '27',
    title: 'Identity papers',
    standard: 'ABS',
    attachment: 'P',
    condition: 'for a refugee without a valid travel document',
    summary: [
      'Identity papers, if you have no valid travel document.',
      'Dokumente identiteti, nëse nuk keni dokument udhëtimi të vlefshëm.',
      'وثائق هوية إذا لم تكن لديك وثيقة سفر صالحة.',
      'مدرک هویت، اگر سند سفر معتبر ندارید.',
    ],
  },
  {
    article: '28',
    title: 'Travel documents',
    standard: 'ABS',
    attachment: 'LS',
    condition: 'unless compelling reasons of national security or public order require otherwise',
    summary: [
      'A travel document to go abroad, unless security or public order requires otherwise.',
      'Dokument udhëtimi për jashtë, përveç kur siguria ose rendi publik e ndalojnë.',
      'وثيقة سفر للسفر إلى الخارج، ما لم يقتضِ الأمن أو النظام العام غير ذلك.',
      'سند سفر برای سفر به خارج، مگر آنکه امنیت یا نظم عمومی مانع باشد.',
    ],
  },
  {
    article: '29',
    title: 'Fiscal charges',
    standard: 'NAT',
    comparator: 'nationals (no other or higher charges)',
    attachment: 'J',
    summary: [
      'No taxes or charges other or higher than nationals pay.',
      'Asnjë taksë a tarifë tjetër ose më e lartë se ato të shtetasve.',
      'لا ضرائب أو رسوم غير أو أعلى مما يدفعه المواطنون.',
      'هیچ مالیات یا عوارضی متفاوت یا بیشتر از آنچه اتباع می‌پردازند.',
    ],
  },
  {
    article: '30',
    title: 'Transfer of assets',
    standard: 'ABS',
    comparator: 'in conformity with the host state’s laws',
    attachment: 'J',
    contestedPoint: 'inferred',
    condition: 'assets brought into the territory, to a country of resettlement',
    summary: [
      'Taking the assets you brought with you to the country where you resettle.',
      'Marrja e pasurisë që sollët me vete në vendin ku rivendoseni.',
      'نقل الأموال التي أدخلتها إلى بلد إعادة التوطين.',
      'انتقال دارایی‌هایی که با خود آورده‌اید به کشور اسکان مجدد.',
    ],
  },
  {
    article: '31',
    title: 'Refugees unlawfully in the country of refuge',
    standard: 'ABS',
    attachment: 'P',
    condition:
      'coming directly from danger, presenting without delay and showing good cause for illegal entry',
    summary: [
      'No penalty for illegal entry or stay if you came directly and reported promptly.',
      'Asnjë dënim për hyrje të paligjshme nëse erdhët drejtpërdrejt dhe u paraqitët shpejt.',
      'لا عقوبة على الدخول غير القانوني إذا قدمت مباشرة وتقدمت إلى السلطات دون إبطاء.',
      'برای ورود غیرقانونی مجازات نمی‌شوید اگر مستقیماً آمده و بی‌درنگ خود را معرفی کرده باشید.',
    ],
  },
  {
    article: '32',
    title: 'Expulsion',
    standard: 'ABS',
    attachment: 'LP',
    condition: 'expulsion only on national security or public order grounds, with due process',
    summary: [
      'No expulsion except for national security or public order, after due process.',
      'Asnjë dëbim përveçse për siguri kombëtare ose rend publik, pas procesit të rregullt.',
      'لا طرد إلا لأسباب الأمن الوطني أو النظام العام وبعد إجراءات قانونية سليمة.',
      'اخراج فقط به دلیل امنیت ملی یا نظم عمومی و پس از دادرسی منصفانه.',
    ],
  },
  {
    article: '33',
    title: 'Prohibition of expulsion or return (refoulement)',
    standard: 'ABS',
    attachment: 'J',
    reservable: false,
    condition:
      'exceptions in 33(2): danger to security; final conviction of a particularly serious crime',
    customary:
      'non-refoulement binds it as customary international law (UNHCR, Advisory Opinion on the Extraterritorial Application of Non-Refoulement Obligations, 2007)',
    summary: [
      'No return to a place where your life or freedom would be threatened.',
      'Asnjë kthim në një vend ku jeta ose liria juaj do të kërcënohej.',
      'لا إعادة إلى مكان تكون فيه حياتك أو حريتك مهددة.',
      'بازگرداندن به جایی که جان یا آزادی شما در خطر باشد ممنوع است.',
    ],
  },
  {
    article: '34',
    title: 'Naturalization',
    standard: 'other',
    comparator: 'facilitate as far as possible',
    attachment: 'J',
    contestedPoint: 'inferred',
    summary: [
      'The State should make naturalization as quick and cheap as possible.',
      'Shteti duhet ta bëjë natyralizimin sa më të shpejtë dhe të lirë.',
      'على الدولة تسهيل التجنس وتسريعه وتخفيض رسومه قدر الإمكان.',
      'دولت باید تابعیت‌گیری را تا حد امکان سریع و کم‌هزینه کند.',
    ],
  },
];

/** The default catalogue: the text's reading, every contested row flagged. */
export const CATALOGUE: readonly ArticleRight[] = Object.freeze(ROWS.map(right));

/** Settings whose value is the attachment of the rows contested under them. */
const ATTACHMENT_SETTINGS = ['art13_20_22', 'art14_16_2', 'art25'] as const;
type AttachmentSetting = (typeof ATTACHMENT_SETTINGS)[number];
const isAttachmentSetting = (p: InterpretationPoint | null): p is AttachmentSetting =>
  (ATTACHMENT_SETTINGS as readonly (string | null)[]).includes(p);

/** Throws on a value a setting does not know (profiles are stored as JSON). */
export function checkSettings(settings: InterpretationSettings): void {
  for (const key of Object.keys(READINGS) as (keyof InterpretationSettings)[]) {
    if (!Object.hasOwn(READINGS[key], settings[key]))
      throw new RangeError(`interpretation setting ${key} has no reading "${settings[key]}"`);
  }
}

/**
 * The catalogue read with `settings`: each row contested under an attachment setting takes the
 * setting's attachment, and says which setting changed it and why. With the defaults, the
 * default catalogue itself is returned.
 */
export function catalogueFor(
  settings: InterpretationSettings = INTERPRETATION_DEFAULTS,
  catalogue: readonly ArticleRight[] = CATALOGUE,
): readonly ArticleRight[] {
  checkSettings(settings);
  if (ATTACHMENT_SETTINGS.every((k) => settings[k] === INTERPRETATION_DEFAULTS[k]))
    return catalogue;
  return Object.freeze(
    catalogue.map((row) => {
      const key = row.contestedPoint;
      if (!isAttachmentSetting(key) || settings[key] === row.attachment) return row;
      const value = settings[key];
      const why = (READINGS[key] as Record<string, string>)[value];
      return Object.freeze({
        ...row,
        attachment: value,
        override: `attachment ${value} instead of ${row.attachment ?? 'none'} by setting ${key} = ${value}: ${why}`,
      });
    }),
  );
}
