/**
 * The scales of the scored types and the text length, with no imports at all: the widget reads them
 * from here, so its bundle never pulls in the statistics (and their libraries) that the type modules
 * use for results. Each type module re-exports its own as `scale` (or `maxLength`).
 */
export const npsScale = () => ({ min: 0, max: 10 });
export const csatScale = () => ({ min: 1, max: 5 });
export const cesScale = () => ({ min: 1, max: 7 });
export const ratingScale = (q: { scale?: number | undefined }) => ({ min: 1, max: q.scale ?? 5 });
export const textMaxLength = (q: { maxLength?: number | undefined }) => q.maxLength ?? 1000;
