curl -fsSL https://get.tool.example.net/install | sh
