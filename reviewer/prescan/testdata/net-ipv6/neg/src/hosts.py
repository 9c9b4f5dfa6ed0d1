LOCAL = "::1"
BIND = "[::1]:8080"
MAC = "aa:bb:cc:dd:ee:ff"
WHEN = "12:30:45"
evens = items[1::2]
