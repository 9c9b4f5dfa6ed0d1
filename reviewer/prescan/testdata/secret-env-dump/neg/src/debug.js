const port = process.env.PORT;
