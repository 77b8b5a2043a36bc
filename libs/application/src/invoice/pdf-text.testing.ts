// Reads a PDF's text back for the tests (pdfjs-dist, a devDependency): what a hirer's PDF reader would show.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The fonts pdfjs measures the standard fonts with (Helvetica here), shipped with the package. */
const STANDARD_FONTS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');

/** The text of every page, a page's pieces joined by spaces and the pages by newlines. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const loaded = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONTS, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= loaded.numPages; n++) {
      const content = await (await loaded.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return pages.join('\n');
  } finally {
    await loaded.destroy();
  }
}
