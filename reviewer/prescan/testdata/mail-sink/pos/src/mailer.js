const nodemailer = require("nodemailer");
const admin = "ops@corp-mail.io";
