/**
 * The actions a recommendation asks for, with their direction: "should introduce" and "should not
 * introduce" (or "should withdraw") share nearly every word, so word and character similarity
 * alone would group them. An action is the verb that follows a modal ("should", "must", "needs
 * to" …), negated when a negator comes between them, and folded onto one side of a pair of
 * opposite verbs ("withdraw" = not "introduce").
 */
export interface Action {
  /** The verb's stem, or for a verb with an opposite, the stem of the positive verb of the pair. */
  verb: string;
  negated: boolean;
}

/** Words that ask for an action; the verb follows within a few words. */
const MODALS = new Set(['should', 'must', 'shall', 'will', 'need', 'needs', 'ought', 'recommend', 'recommends', 'urge', 'urges']);
const NEGATORS = new Set(['not', 'never']);
/** Words between a modal and its verb that are neither: "should also urgently be", "needs to". */
const FILLERS = new Set(['to', 'be', 'also', 'all', 'urgently', 'immediately', 'now', 'further', 'that', 'the', 'no', 'longer', 'both', 'either', 'jointly', 'consider', 'considering']);
/** How far after a modal its verb may stand. */
const WINDOW = 5;

/**
 * Pairs of opposite actions, general English rather than any one domain: each line's first verb is
 * the positive side; the others ask for its opposite.
 */
const OPPOSITES: readonly (readonly string[])[] = [
  ['introduce', 'withdraw', 'abolish', 'scrap', 'discontinue'],
  ['increase', 'reduce', 'decrease', 'lower'],
  ['start', 'stop', 'cease', 'end'],
  ['allow', 'prohibit', 'ban', 'forbid', 'prevent'],
  ['permit', 'prohibit', 'ban', 'forbid'],
  ['continue', 'discontinue', 'halt'],
  ['open', 'close'],
  ['extend', 'shorten', 'curtail'],
  ['expand', 'restrict', 'limit', 'narrow'],
  ['add', 'remove'],
  ['require', 'exempt'],
];

export interface ActionFinder {
  /** The actions in a sentence's lower-case word tokens (as `tokenizeWords` gives them). */
  actionsOf(words: readonly string[]): Action[];
}

/** `stem` is the same stemmer the terms use, so "introduces" and "introduced" meet. */
export function createActionFinder(stem: (word: string) => string): ActionFinder {
  const opposite = new Map<string, { verb: string; flips: boolean }>();
  for (const [positive, ...negatives] of OPPOSITES) {
    const verb = stem(positive);
    if (!opposite.has(verb)) opposite.set(verb, { verb, flips: false });
    for (const negative of negatives) if (!opposite.has(stem(negative))) opposite.set(stem(negative), { verb, flips: true });
  }
  return {
    actionsOf(words) {
      const actions: Action[] = [];
      for (let i = 0; i < words.length; i++) {
        if (!MODALS.has(words[i])) continue;
        const found = verbAfter(words, i + 1);
        if (!found) continue;
        const stemmed = stem(found.word);
        const folded = opposite.get(stemmed);
        actions.push({ verb: folded?.verb ?? stemmed, negated: found.negated !== Boolean(folded?.flips) });
      }
      return actions;
    },
  };
}

function verbAfter(words: readonly string[], from: number): { word: string; negated: boolean } | undefined {
  let negated = false;
  for (let i = from; i < Math.min(words.length, from + WINDOW); i++) {
    const word = words[i];
    if (NEGATORS.has(word)) {
      negated = !negated;
      continue;
    }
    // "no longer" negates; a bare "no" before a noun ("should no doubt") does not.
    if (word === 'no' && words[i + 1] === 'longer') {
      negated = !negated;
      i++;
      continue;
    }
    if (FILLERS.has(word) || MODALS.has(word)) continue;
    if (/\d/.test(word)) return undefined;
    return { word, negated };
  }
  return undefined;
}

/**
 * Two action lists ask for opposite things when some verb is wanted by one and refused by the
 * other, and neither also asks for it the other way (a text that both "should introduce" and
 * "should not introduce" something is hedging, not opposing).
 */
export function actionsOppose(a: readonly Action[], b: readonly Action[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return directionsOppose(directionsOf(a), directionsOf(b));
}

/**
 * actionsOppose for documents by number, as the pair scorer asks it for every pair it keeps: each
 * document's directions are worked out once, and a pair where neither side refuses anything is
 * answered without looking (an opposition needs a verb one side only refuses). Building the two
 * maps for every pair was a tenth of the pair search at 300,000 items.
 */
export function createOppositionTest(actionsOf: (doc: number) => readonly Action[], docs: number): (a: number, b: number) => boolean {
  // Per document: 0 not yet seen, NO_ACTIONS, ASKS_ONLY (refuses nothing), or REFUSES (only
  // refuses some verb, so it may oppose another). Maps are kept only for documents with actions.
  const state = new Int8Array(docs);
  const directions = new Map<number, Map<string, number>>();
  const stateOf = (doc: number): number => {
    if (state[doc] === 0) {
      const actions = actionsOf(doc);
      if (actions.length === 0) state[doc] = NO_ACTIONS;
      else {
        const byVerb = directionsOf(actions);
        directions.set(doc, byVerb);
        state[doc] = [...byVerb.values()].includes(2) ? REFUSES : ASKS_ONLY;
      }
    }
    return state[doc];
  };
  return (a, b) => {
    const stateA = stateOf(a);
    const stateB = stateOf(b);
    if (stateA === NO_ACTIONS || stateB === NO_ACTIONS || (stateA === ASKS_ONLY && stateB === ASKS_ONLY)) return false;
    return directionsOppose(directions.get(a)!, directions.get(b)!);
  };
}

const NO_ACTIONS = 1;
const ASKS_ONLY = 2;
const REFUSES = 3;

/** Each verb's directions: 1 asked for, 2 refused, 3 both. */
function directionsOf(actions: readonly Action[]): Map<string, number> {
  const byVerb = new Map<string, number>();
  for (const { verb, negated } of actions) byVerb.set(verb, (byVerb.get(verb) ?? 0) | (negated ? 2 : 1));
  return byVerb;
}

function directionsOppose(da: ReadonlyMap<string, number>, db: ReadonlyMap<string, number>): boolean {
  for (const [verb, dirA] of da) {
    const dirB = db.get(verb);
    if (dirB !== undefined && dirA !== 3 && dirB !== 3 && dirA !== dirB) return true;
  }
  return false;
}
