fn f() -> u32 {
    self.value
}

#[tokio::main]
async fn main() {

}
