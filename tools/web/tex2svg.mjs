// TeX -> self-contained SVG with MathJax, every formula of a page in one node process.
//
//   echo '[{"tex": "\\frac{1}{2}", "display": true}]' | node tools/web/tex2svg.mjs
//   -> [{"svg": "<svg ...>"}]   or, for TeX MathJax cannot read, [{"error": "Missing ..."}]
//
// Starting node and MathJax costs ~1 s, a formula a few ms: publish/math_svg.py sends them all
// at once. fontCache "local": each <svg> carries the glyphs it uses (no shared <defs> to keep in
// the page); fill is currentColor, so formulas take the text colour of the page around them.
import { mathjax } from "mathjax-full/js/mathjax.js";
import { TeX } from "mathjax-full/js/input/tex.js";
import { SVG } from "mathjax-full/js/output/svg.js";
import { liteAdaptor } from "mathjax-full/js/adaptors/liteAdaptor.js";
import { RegisterHTMLHandler } from "mathjax-full/js/handlers/html.js";
import { AllPackages } from "mathjax-full/js/input/tex/AllPackages.js";

const adaptor = liteAdaptor();
RegisterHTMLHandler(adaptor);
// A TeX error throws (instead of drawing a red message into the formula): the caller decides.
const tex = new TeX({
  packages: AllPackages.filter((p) => p !== "noerrors" && p !== "noundefined"),
  formatError: (_jax, err) => { throw err; },
});
const doc = mathjax.document("", { InputJax: tex, OutputJax: new SVG({ fontCache: "local" }) });

function convert({ tex, display }) {
  try {
    const node = doc.convert(tex, { display: display !== false });
    return { svg: adaptor.innerHTML(node) };
  } catch (err) {
    return { error: String(err.message || err) };
  }
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const formulas = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify(formulas.map(convert)));
