// What the bench seeders write with: a deterministic pseudo-random sequence (every run makes the same
// rows) over word pools, and a group profile made of them. Each seeder keeps its own seed and pools, so
// its dataset is the one its figures were measured on.

export interface WordPools {
  topics: readonly string[];
  places: readonly string[];
  ways: readonly string[];
}

export function wordsFrom(seed: number, pools: WordPools) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(items)))];
  const text = (sentences: number) => Array.from({ length: sentences }, () => `${pick(pools.ways)}、${pick(pools.places)}で${pick(pools.topics)}を行っています。`).join("");
  /** Back to the first draw, for a seeder that runs more than once in a process. */
  const restart = () => {
    state = seed;
  };
  return { random, pick, some, text, restart, ...pools };
}

export type Words = ReturnType<typeof wordsFrom>;

/** The profile form of the i-th bench group, before the schema reads it (the same draws in the same order). */
export function benchGroupProfile(words: Words, i: number, vocabulary: { fields: readonly string[]; areas: readonly string[] }) {
  const { pick, some, text, random, topics, places } = words;
  const topic = pick(topics);
  return {
    name: `${pick(places)}${topic}の会${i}`,
    nameKana: "べんちだんたい",
    legalForm: pick(["npo_corporation", "voluntary", "neighborhood_association", "general_incorporated"]),
    actorType: "civic_group",
    fields: some(vocabulary.fields, 3),
    areas: some(vocabulary.areas, 2),
    representativeName: "代表 太郎",
    emailVisibility: "public",
    phoneVisibility: "staff",
    addressVisibility: "staff",
    websiteVisibility: "public",
    mission: `${topic}を通じて地域をよくする団体です。${text(2)}`,
    wishes: `市と一緒に${pick(topics)}の講座を開きたい。`,
    pastCollaboration: random() < 0.2 ? "生涯学習課と共催で講座を開いた" : "",
    activities: [
      { fiscalYear: "R5", title: `${pick(topics)}の集い`, description: text(1) },
      { fiscalYear: "R6", title: `${pick(topics)}講座`, description: text(1) },
    ],
  };
}

/** The form of the i-th bench matching sheet, before the schema reads it (the same draws in the same order). */
export function benchSheetForm(words: Words, i: number, vocabulary: { fields: readonly string[]; areas: readonly string[]; forms: readonly string[] }, period: string) {
  const { pick, some, text, topics, places } = words;
  return {
    title: `${pick(places)}の${pick(topics)}（${i}）`,
    background: text(3),
    outcomes: text(2),
    offerPlaces: "公民センターの会議室",
    fields: some(vocabulary.fields, 2),
    areas: some(vocabulary.areas, 2),
    forms: some(vocabulary.forms, 2),
    budgetScale: "under_500k",
    period,
    contactName: "担当 一郎",
    contactPhone: "047-492-1111",
  };
}
