/** What a printed letter needs beyond its words: who sends it, to whom, and when. */
export type LetterInput = {
  /** The email composer's text for the same step: the letter says the same, on paper. */
  text: string;
  date: string;
  from: { seller: string | null; postalAddress: string };
  to: { name: string; title: string | null; company: string | null; address: string[] };
};

/**
 * A print-ready letter as one HTML page: the company's address at the top, the date, the
 * recipient's block, the message in paragraphs and the signature. Everything is escaped.
 */
export function letterHtml(input: LetterInput): string {
  // The email's footer (how to stop emails) has no place on paper.
  const body = input.text.split('\n--\n')[0]!.trim().replace(/^Hi /, 'Dear ');
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n    ');
  const to = [input.to.name, input.to.title, input.to.company, ...input.to.address].filter(
    Boolean,
  ) as string[];
  const from = addressLines(input.from.postalAddress);
  if (input.from.seller && from[0] !== input.from.seller) from.unshift(input.from.seller);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Letter to ${escapeHtml(input.to.name)}</title>
  <style>
    @page { size: auto; margin: 25mm 22mm; }
    body { font: 11.5pt/1.5 Georgia, 'Times New Roman', serif; color: #111; max-width: 40em; margin: 2em auto; }
    .from { text-align: right; margin-bottom: 2.5em; }
    .date { margin-bottom: 2em; }
    .to { margin-bottom: 2em; }
    @media print { body { margin: 0; } }
  </style>
</head>
<body>
  <address class="from">${from.map(escapeHtml).join('<br>')}</address>
  <p class="date">${escapeHtml(input.date)}</p>
  <address class="to">${to.map(escapeHtml).join('<br>')}</address>
  <main>
    ${paragraphs}
  </main>
</body>
</html>
`;
}

/** An address as printed lines: its own lines, or its comma parts with the town and postcode kept together. */
function addressLines(address: string): string[] {
  if (address.includes('\n'))
    return address
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const parts = address.split(/\s*,\s*/).filter(Boolean);
  return parts.length > 2 ? [...parts.slice(0, -2), parts.slice(-2).join(', ')] : parts;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
