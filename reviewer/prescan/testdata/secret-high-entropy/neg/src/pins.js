const PIN = "b4ffde65f46336ab88eb53be808477a3936bae11";
const NAME = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const LABEL = "the-quick-brown-fox-jumps-over";
export const get = () => fetch("https://api.example.com/" + PIN + NAME + LABEL);
