/**
 * Names as the AWS CLI derives them: botocore's `xform_name` turns `AdminUserGlobalSignOut` into
 * `admin-user-global-sign-out` and `UserPoolId` into `user-pool-id`.
 */

const FIRST_CAP = /(.)([A-Z][a-z]+)/g;
const END_CAP = /([a-z0-9])([A-Z])/g;
// A pluralised acronym at the end (`GatewayARNs`) becomes `-arns`, as botocore special-cases it.
const SPECIAL_PLURAL = /[A-Z]{2,}s$/;

/** botocore's `xform_name(name, sep)`. */
export function xformName(name: string, sep = '-'): string {
  if (name.includes(sep)) return name;
  let n = name;
  const special = SPECIAL_PLURAL.exec(n);
  if (special) n = `${n.slice(0, n.length - special[0].length)}${sep}${special[0].toLowerCase()}`;
  // Python's re.sub does not re-scan overlapping matches; JS replace with /g behaves the same way.
  const s1 = n.replace(FIRST_CAP, `$1${sep}$2`);
  return s1.replace(END_CAP, `$1${sep}$2`).toLowerCase();
}

/** difflib.SequenceMatcher(None, a, b).ratio() (Ratcliff/Obershelp), used for "Maybe you meant". */
export function similarity(a: string, b: string): number {
  const matches = (a1: number, a2: number, b1: number, b2: number): number => {
    let best = 0;
    let bi = 0;
    let bj = 0;
    for (let i = a1; i < a2; i++) {
      for (let j = b1; j < b2; j++) {
        let k = 0;
        while (i + k < a2 && j + k < b2 && a[i + k] === b[j + k]) k++;
        if (k > best) {
          best = k;
          bi = i;
          bj = j;
        }
      }
    }
    if (best === 0) return 0;
    return best + matches(a1, bi, b1, bj) + matches(bi + best, a2, bj + best, b2);
  };
  const total = a.length + b.length;
  return total === 0 ? 1 : (2 * matches(0, a.length, 0, b.length)) / total;
}

/** difflib.get_close_matches(word, choices, n=3, cutoff) as awscli v2's parser calls it (cutoff 0.8), best first. */
export function closeMatches(word: string, choices: readonly string[], n = 3, cutoff = 0.8): string[] {
  return choices
    .map((c) => ({ c, r: similarity(word, c) }))
    .filter((x) => x.r >= cutoff)
    .sort((x, y) => y.r - x.r)
    .slice(0, n)
    .map((x) => x.c);
}
