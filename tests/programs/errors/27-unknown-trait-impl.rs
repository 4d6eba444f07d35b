struct S;

impl Iterator for S {
    type Item = u32;
    fn next(&mut self) -> Option<u32> { None }
}

#[tokio::main]
async fn main() {

}
