trait Speak {
    fn speak(&self) -> String;
}

struct Dog;

impl Speak for Dog {
    fn speak(&self) -> String { "woof".to_string() }
    fn wag(&self) {}
}

fn main() {}
