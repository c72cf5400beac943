/** A route's path as a metrics label: literal paths as they are, patterns with their named groups as `{name}`. */
export function routeLabel(path: string | RegExp): string {
  if (typeof path === 'string') return path;
  return path.source
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\(\?<(\w+)>(?:[^()]|\([^()]*\))*\)/g, '{$1}')
    .replace(/\\(.)/g, '$1');
}
