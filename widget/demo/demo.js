// The queue stub from the contract (commands wait until w.js has loaded), then the demo pages' own
// behaviour: a fake purchase and a "forget me" button. Not part of the widget.
window.seda =
  window.seda ||
  function seda(...args) {
    window.seda.q = window.seda.q || [];
    window.seda.q.push(args);
  };

addEventListener('DOMContentLoaded', () => {
  const fa = document.documentElement.lang === 'fa';
  document.getElementById('buy')?.addEventListener('click', () => {
    seda('identify', 'demo-visitor', { plan: 'pro' });
    seda('track', 'order_completed');
    document.getElementById('status').textContent = fa ? 'سفارش ثبت شد' : 'Order placed';
  });
  document.getElementById('again')?.addEventListener('click', () => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('seda:')) localStorage.removeItem(k);
    location.reload();
  });
});
