trait Speak { fn speak(&self); }

#[tokio::main]
async fn main() {

}
