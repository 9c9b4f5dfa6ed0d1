std::vector<int> v; std::string s = "Foo::Bar";
auto n = ns::detail::value;
