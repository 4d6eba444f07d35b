struct S;

impl S {
    fn go(&self) {}
    fn go(&self) {}
}

#[tokio::main]
async fn main() {

}
