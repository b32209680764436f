/**
 * Document furniture: the parts of a page that are about the document, not in it — address and
 * contact headers, addressee lines, page counters, print URLs. Text extracted from PDFs splices
 * them into sentences ("In the Coroner's Office, County Hall, …, LL15 1YN Tel 01824 … circumstances").
 * They are recognised by their shape, never by their words, so no topic can be caught by them.
 */

const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/;
const PHONE_AFTER = /^[\s,|]*(?:(?:tel|telephone|phone|t)\b[:.]?)?\s*\+?[\d ()-]{7,}\d/i;
const ADDRESS_SPAN = 160;
const PAGE_COUNTER = /^\s*(?:page\s+)?\d{1,4}\s*(?:of|\/)\s*\d{1,4}\s*$/i;
const ONLY_URL_OR_EMAIL = /^\s*(?:https?:\/\/\S+|www\.\S+|\S+@\S+\.\w+)\s*$/i;
const ADDRESSEE_LINE = /^\s*(?:[Tt]o|[Ff]or the attention of|FAO)\s*:?\s+(?:the\s+)?[A-Z][^.!?]*$/;
const CALL_TO_ACT = /\b(?:should|must|need|consider|ensure|review|ask|request|recommend)\w*\b/i;
const ADDRESSEE_MAX_WORDS = 14;

/** The sentence with furniture cut out; '' when it was nothing else. */
export function withoutFurniture(sentence: string): string {
  if (PAGE_COUNTER.test(sentence) || ONLY_URL_OR_EMAIL.test(sentence)) return '';
  if (isAddresseeLine(sentence)) return '';
  return cutAddressHeader(sentence);
}

/** "To the Secretary of State for Health and Social Care": who a report is for, with no ask in it. */
function isAddresseeLine(sentence: string): boolean {
  return ADDRESSEE_LINE.test(sentence) && sentence.trim().split(/\s+/).length <= ADDRESSEE_MAX_WORDS && !CALL_TO_ACT.test(sentence);
}

/** An address ends in a postcode (maybe then a phone number); cut from the start of the sentence to there. */
function cutAddressHeader(sentence: string): string {
  const postcode = UK_POSTCODE.exec(sentence);
  if (!postcode || postcode.index > ADDRESS_SPAN || !/,/.test(sentence.slice(0, postcode.index))) return sentence;
  let end = postcode.index + postcode[0].length;
  const phone = PHONE_AFTER.exec(sentence.slice(end));
  if (phone) end += phone[0].length;
  return sentence.slice(end).replace(/^[\s,|.;:–-]+/, '');
}
