const apiKey = config.apiKey;
const tokenizer = new Tokenizer();
