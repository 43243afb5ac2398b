import fs from 'node:fs';
import { decodeManifest } from '@kata/01-api-machinery/decode';
for (const f of fs.readdirSync('chapters/01-api-machinery/examples')) {
  const r = decodeManifest(fs.readFileSync('chapters/01-api-machinery/examples/' + f, 'utf8'), f);
  console.log(f, r.objects.length, r.warnings, r.errors);
}
