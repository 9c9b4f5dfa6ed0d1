var _0x4f2a=['a','b'];function _0x1b3c(i){return _0x4f2a[i];}
