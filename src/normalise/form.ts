/**
 * The closing sections of a coroner's Regulation 28 report form: 7 YOUR RESPONSE (the duty to
 * respond within 56 days), 8 COPIES and PUBLICATION (who was sent the report), 9 the date and
 * signature. By the form's own layout nothing after the section 7 heading is a concern. Report
 * text read by `extract` stops at that heading already; a table's concern text sometimes runs on
 * into it, where a report was split without it, and two such items then look alike by the
 * form's words alone. Section 6 (ACTION SHOULD BE TAKEN) is kept: a coroner may say there what
 * should be done.
 */

/**
 * The heading as the form prints it: capitals, maybe numbered, at a line's start or inline after
 * a sentence's end, before the section's first sentence. Written in capitals, it is a heading,
 * not the words "your response" in a sentence.
 */
const RESPONSE_SECTION_HEADING = /(?:^|\n|(?<=[.!?:;)"'”’]\s))[ \t]*(?:\d{1,2}[.)]?\s+)?YOUR RESPONSE:?\s+(?=[A-Z])/;

/** The text up to the form's response section; the whole text when it has none. */
export function withoutFormTail(text: string): string {
  // The pattern tried at every character costs 25 ms on the PFD concerns; this look, 2.
  if (!text.includes('YOUR RESPONSE')) return text;
  const heading = RESPONSE_SECTION_HEADING.exec(text);
  return heading ? text.slice(0, heading.index).trimEnd() : text;
}
