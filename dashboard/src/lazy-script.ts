/**
 * Loads a library that only one screen needs (the QR encoder, the CSV parser) as a classic script
 * from the dashboard's own assets, once, on first use: the first load of the dashboard never carries
 * it. The page's CSP trusts its inline scripts by hash plus 'strict-dynamic', which lets a trusted
 * script add a script element; nothing else can.
 */
const loading = new Map<string, Promise<void>>();

export function loadScript(url: string): Promise<void> {
  let p = loading.get(url);
  if (!p) {
    p = new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onload = () => resolve();
      s.onerror = () => {
        loading.delete(url);
        s.remove();
        reject(new Error(`could not load ${url}`));
      };
      document.head.append(s);
    });
    loading.set(url, p);
  }
  return p;
}
