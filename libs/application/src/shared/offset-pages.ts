import type { Page } from '@banenpool/read-models';

/**
 * The pages of a counted, offset-paged list query of the read models, `size` rows each, until the
 * count is reached: what is held at a time is one page. An empty page ends it early (rows deleted
 * since the count was taken).
 */
export async function* offsetPages<T>(
  read: (page: { limit: number; offset: number }) => Promise<Pick<Page<T>, 'items' | 'total'>>,
  size: number,
): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += size) {
    const { items, total } = await read({ limit: size, offset });
    if (items.length === 0) return;
    yield items;
    if (offset + size >= total) return;
  }
}
