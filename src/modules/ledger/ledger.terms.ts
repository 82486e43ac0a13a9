import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

/** Words too common in ledger texts to say two problems are alike. */
const STOP_WORDS = new Set([
  '问题',
  '整改',
  '工作',
  '情况',
  '存在',
  '进行',
  '开展',
  '相关',
  '有关',
  '部分',
  '一些',
  '没有',
  '不够',
  '不到位',
  '方面',
  '加强',
  '落实',
  '推进',
  '建立',
  '健全',
  '完善',
  '要求',
  '我们',
  '他们',
  '群众',
  '反映',
  '目前',
  '已经',
  '一个',
  '这个',
  '那个',
  '以及',
]);

let jieba: Jieba | undefined;

/** The segmenter, loaded on first use (its dictionary is embedded in the package: nothing is downloaded). */
function segmenter(): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as { Jieba: typeof Jieba };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

/**
 * The words of an item's title and description that say what it is about: Chinese word segmentation
 * (search mode, so 卫生室 also yields 卫生), words of two or more characters, common ledger words
 * dropped, Latin words lower-cased. Sorted and distinct, at most 64.
 */
export function searchTerms(title: string, description = ''): string[] {
  const text = `${title} ${description.slice(0, 500)}`;
  const words = segmenter().cutForSearch(text, true);
  const terms = new Set<string>();
  for (const raw of words) {
    const word = raw.trim().toLowerCase();
    if (word.length < 2 || STOP_WORDS.has(word) || !/[\p{Script=Han}a-z0-9]/u.test(word) || /^\d+$/.test(word)) continue;
    terms.add(word);
  }
  return [...terms].sort().slice(0, 64);
}

/** How alike two term sets are: shared terms over the smaller set (0..1). */
export function termOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const small = a.length <= b.length ? a : b;
  const large = new Set(a.length <= b.length ? b : a);
  let shared = 0;
  for (const t of small) if (large.has(t)) shared += 1;
  return shared / small.length;
}
