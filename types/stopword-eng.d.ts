// The English list alone, from the stopword package's per-language source files (it ships no types for them).
declare module 'stopword/src/stopwords_eng.js' {
  export const eng: string[];
}
