trait Speak { fn speak(&self); fn name(&self) -> String { "?".to_string() } }

struct Dog;
impl Speak for Dog {}

#[tokio::main]
async fn main() {

}
