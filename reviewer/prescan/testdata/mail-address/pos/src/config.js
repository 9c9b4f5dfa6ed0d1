const OWNER = "someone@ext-domain.io";
