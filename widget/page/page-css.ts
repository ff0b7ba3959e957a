/**
 * The hosted page's additions to the widget's stylesheet: the panel in flow and full width inside the
 * page's <main> instead of a fixed corner panel (`.p.p` outranks the phone rule that makes it a bottom
 * sheet), no close button (a page is left, not closed), larger score targets for thumbs.
 */
export const PAGE_CSS =
  ':host{position:static!important;display:block!important}' +
  '.p.p{position:relative;inset:auto;translate:none;width:100%;max-width:none;max-height:none;box-shadow:none;padding:16px 20px 20px}' +
  '.k{display:none}.s button{height:48px}.o button{min-height:48px}.b{height:44px}';
