/**
 * The live readers, loaded on first use: the AWS SDK clients take a quarter of a second to
 * load, which every offline or local command (and `--version`) would otherwise pay.
 */
export const loadLive = () => import('./read-live');
export const loadCollect = () => import('./collect-folder');
