import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Loading the dictionary takes ~150 ms; done once per process on first use.
let jieba: Jieba | null = null;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const PUNCTUATION = /^[\s\p{P}\p{S}]+$/u;
// Single-character function words that would make a query demand words the text never had.
const QUERY_STOPWORDS = new Set(['的', '了', '我', '你', '他', '她', '它', '要', '是', '在', '和', '有', '吗', '呢', '啊', '吧', '请', '也', '就', '都', '把', '被', '给', '这', '那', '个']);

function clean(token: string): string {
  return token.toLowerCase().replace(/[':&|!()<>\\*]/g, '');
}

/** Words for the index: search-mode segmentation, so long words also yield their parts (理财产品 → 理财, 产品). */
export function indexTokens(...texts: Array<string | null | undefined>): string {
  const words: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    for (const token of segmenter().cutForSearch(text.normalize('NFKC'), true)) {
      if (PUNCTUATION.test(token)) continue;
      const word = clean(token);
      if (word) words.push(word);
    }
  }
  return words.join(' ');
}

/** Words a query must all match: precise segmentation, punctuation and function words dropped. */
export function queryTokens(query: string): string[] {
  const tokens = segmenter()
    .cut(query.normalize('NFKC'), true)
    .filter((t) => !PUNCTUATION.test(t))
    .map(clean)
    .filter(Boolean);
  const meaningful = tokens.filter((t) => !QUERY_STOPWORDS.has(t));
  return [...new Set(meaningful.length > 0 ? meaningful : tokens)];
}

/** A to_tsquery('simple', …) text matching every query word, or null when nothing searchable is left. */
export function toTsQuery(query: string): string | null {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return null;
  return tokens.map((t) => `'${t}'`).join(' & ');
}
