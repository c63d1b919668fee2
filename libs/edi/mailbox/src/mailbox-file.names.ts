/**
 * Names a partner's tooling uses while a file is still being written (write-then-rename): dot files,
 * `.tmp`/`.part`/`.partial`/`.filepart`/`.crdownload`, editor backups, and our own `.reason.json` notes.
 * Anything else in an inbox is a complete document.
 */
const INCOMPLETE = /(^\.)|(\.(tmp|temp|part|partial|filepart|crdownload|swp)$)|(~$)|(\.reason\.json$)/i;

export function isCompleteDropFileName(name: string): boolean {
  return name.trim() !== '' && !INCOMPLETE.test(name);
}
