import { PDFDocument, StandardFonts } from 'pdf-lib';

// A real one-page PDF with a line of text: what a browser would upload as a CV.
export async function samplePdf(text = 'Curriculum vitae'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return doc.save();
}
