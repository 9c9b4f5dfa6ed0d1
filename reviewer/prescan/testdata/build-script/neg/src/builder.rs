fn build() {}
