// Each email's HTML and CSS against caniemail.com's data (the npm package caniemail).
// Reads {"clients": [...], "files": [...]} on stdin; prints, for each file, every
// feature a client lacks ("none") or supports in part ("partial"), as JSON.
import { readFileSync } from "node:fs";
import { caniemail } from "caniemail";

const request = JSON.parse(readFileSync(0, "utf8"));
const report = {};
for (const file of request.files) {
  const result = caniemail({ html: readFileSync(file, "utf8"), clients: request.clients });
  const found = [];
  for (const [kind, byClient] of Object.entries(result.issues)) {
    for (const [client, issues] of byClient) {
      for (const issue of issues) {
        found.push({
          kind, client, title: issue.title, support: issue.support,
          line: issue.position ? issue.position.start.line : null, notes: issue.notes || [],
        });
      }
    }
  }
  report[file] = found;
}
process.stdout.write(JSON.stringify(report));
