// The print view (`?print-pdf`, used by the PDF exports): every page numbered "N of M" over build
// steps, like the original export, instead of reveal.js's "3.2"; and a mark the exporter waits for.
import type { RevealApi } from 'reveal.js';

export function numberPrintedPages(deck: RevealApi): void {
  deck.on('pdf-ready', () => {
    const pages = [...document.querySelectorAll('.reveal .pdf-page')];
    pages.forEach((page, i) => {
      const number = page.querySelector('.slide-number-pdf');
      if (number) number.textContent = `${i + 1} of ${pages.length}`;
    });
    document.documentElement.dataset.pdfReady = String(pages.length);
  });
}
