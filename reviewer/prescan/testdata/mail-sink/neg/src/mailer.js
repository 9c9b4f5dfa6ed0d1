const admin = "ops@corp-mail.io";
