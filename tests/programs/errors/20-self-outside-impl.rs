fn f() -> u32 {
    Self::VALUE
}

#[tokio::main]
async fn main() {

}
