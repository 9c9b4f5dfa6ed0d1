// onion routing is not used here
import onion from "onion-layers";
