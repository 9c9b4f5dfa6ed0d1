curl -fsSLo tool.tgz https://downloads.tool.example.net/tool.tgz
