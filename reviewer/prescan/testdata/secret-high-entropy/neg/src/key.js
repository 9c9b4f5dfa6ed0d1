// no network here
export const KEY = "q8Zr3xT1vLmP0aWc9YbN4kHs7EdGf2Ju";
