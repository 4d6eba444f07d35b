#[tokio::main]
async fn main() {
    struct Counter { n: u32 }
    impl Counter {
        fn bump(&mut self) { self.n += 1; }
    }
}
