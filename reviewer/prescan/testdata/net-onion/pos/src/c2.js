const C2 = "http://abcdefghijklmnopqrstuvwx234567ab.onion/upload";
