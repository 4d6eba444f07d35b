// Traits: required and default methods, a default that calls the others, impls for two types, and calls through
// &dyn Trait, a generic bound and Box<dyn Trait> in a Vec.
trait Shape {
    fn area(&self) -> f64;
    fn name(&self) -> String {
        "a shape".to_string()
    }
    fn describe(&self) -> String {
        format!("{} of area {:.1}", self.name(), self.area())
    }
}

struct Square {
    side: f64,
}
struct Circle {
    r: f64,
}

impl Shape for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }
    fn name(&self) -> String {
        "a square".to_string()
    }
}

impl Shape for Circle {
    fn area(&self) -> f64 {
        3.14 * self.r * self.r
    }
}

fn show(s: &dyn Shape) {
    println!("{}", s.describe());
}

fn total<T: Shape>(items: &[T]) -> f64 {
    items.iter().map(|s| s.area()).sum()
}

fn main() {
    show(&Square { side: 2.0 });
    show(&Circle { r: 1.0 });
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square { side: 1.0 }), Box::new(Circle { r: 2.0 })];
    for s in shapes.iter() {
        println!("{}", s.name());
    }
    println!("{:.2}", total(&[Square { side: 1.0 }, Square { side: 3.0 }]));
}
