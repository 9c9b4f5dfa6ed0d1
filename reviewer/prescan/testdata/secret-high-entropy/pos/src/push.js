const KEY = "q8Zr3xT1vLmP0aWc9YbN4kHs7EdGf2Ju";
export const send = (d) => fetch("https://api.example.com/v1", { headers: { authorization: KEY }, body: d });
