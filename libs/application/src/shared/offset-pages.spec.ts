import { offsetPages } from './offset-pages.js';

/** A list query over `rows`, counting `total` (more than are there when rows went since the count). */
const listOf =
  (rows: number[], total = rows.length) =>
  async ({ limit, offset }: { limit: number; offset: number }) => ({ items: rows.slice(offset, offset + limit), total });

async function pagesOf(read: ReturnType<typeof listOf>, size: number): Promise<number[][]> {
  const pages: number[][] = [];
  for await (const page of offsetPages(read, size)) pages.push(page);
  return pages;
}

describe('offsetPages', () => {
  it('reads page after page up to the count, the last one short', async () => {
    expect(await pagesOf(listOf([1, 2, 3, 4, 5]), 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('stops after a full last page without reading one more', async () => {
    const offsets: number[] = [];
    const read = listOf([1, 2, 3, 4]);
    await pagesOf(async (page) => (offsets.push(page.offset), read(page)), 2);
    expect(offsets).toEqual([0, 2]);
  });

  it('yields nothing for no rows, and stops at an empty page when rows went since the count', async () => {
    expect(await pagesOf(listOf([]), 2)).toEqual([]);
    expect(await pagesOf(listOf([1, 2], 6), 2)).toEqual([[1, 2]]);
  });
});
