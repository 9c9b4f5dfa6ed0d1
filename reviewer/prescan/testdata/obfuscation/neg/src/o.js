const _0 = 1;
const x0ab = 2;
