using System.Threading.Tasks;

namespace AgreementRules.Analyzers.Tests
{
    /// <summary>
    /// AGR1002 for every way reflection reaches a regulated member of a type the build knows: the Type however
    /// obtained, Activator and Assembly.CreateInstance, expression trees by name; Invoke, DynamicInvoke and
    /// CreateDelegate on what a look-up returned are covered by the look-up. Each has a guarded twin.
    /// </summary>
    public class AGR1002ReflectionReachTests
    {
        private static Task Check(string body) => Verify.Analyzer<UnguardedRegulatedUseAnalyzer>($$"""
            using System;
            using System.Linq.Expressions;
            using System.Reflection;
            using AgreementRules;

            namespace Plant
            {
                public class Press
                {
                    [Regulated("enrich")] public Press() { }
                    public Press(int size) { }
                    [Regulated("enrich")] public void Spin() { }
                    [Regulated("enrich")] public int Speed { get; set; }
                    public void Idle() { }
                }
            }

            public class Service
            {
                private readonly RuleSet rules = RuleSet.Parse("");

                public void Work(Plant.Press press, Type unknown)
                {
            {{body}}
                }
            }
            """);

        [Fact]
        public Task A_Type_from_a_constant_name_is_followed() => Check("""
                    var spin = {|AGR1002:Type.GetType("Plant.Press")!.GetMethod("Spin")|};
                    var qualified = {|AGR1002:Type.GetType("Plant.Press, Consumer")!.GetMethod("Spin")|};
                    var fromAssembly = {|AGR1002:typeof(Service).Assembly.GetType("Plant.Press")!.GetProperty("Speed")|};
            """);

        [Fact]
        public Task A_Type_held_in_a_local_is_followed() => Check("""
                    var type = typeof(Plant.Press);
                    var same = type;
                    var spin = {|AGR1002:same.GetMethod("Spin")|};
                    Type viaGetType = press.GetType();
                    var events = {|AGR1002:viaGetType.GetMembers()|};
            """);

        [Fact]
        public Task Activator_and_Assembly_CreateInstance_by_name_run_the_regulated_constructor() => Check("""
                    var made = {|AGR1002:Activator.CreateInstance("Consumer", "Plant.Press")|};
                    var byAssembly = {|AGR1002:typeof(Service).Assembly.CreateInstance("Plant.Press")|};
            """);

        [Fact]
        public Task Expression_trees_by_name_are_reflection() => Check("""
                    var call = {|AGR1002:Expression.Call(Expression.Constant(press), "Spin", null)|};
                    var property = {|AGR1002:Expression.Property(Expression.Parameter(typeof(Plant.Press)), "Speed")|};
                    var created = {|AGR1002:Expression.New(typeof(Plant.Press))|};
            """);

        [Fact]
        public Task Invoke_DynamicInvoke_and_CreateDelegate_are_caught_where_the_member_is_looked_up_or_grouped() => Check("""
                    var method = {|AGR1002:typeof(Plant.Press).GetMethod("Spin")|}!;
                    method.Invoke(press, null);
                    var viaInfo = method.CreateDelegate(typeof(Action), press);
                    Action spin = {|AGR1002:press.Spin|};
                    spin.Method.Invoke(press, null);
                    spin.DynamicInvoke();
            """);

        [Fact]
        public Task An_expression_tree_lambda_is_checked_as_a_lambda() => Check("""
                    Expression<Action> spin = () => {|AGR1001:press.Spin()|};
                    var decision = rules.Evaluate(Activity.Create("enrich"));
                    if (decision.IsPermitted)
                    {
                        Expression<Action> guarded = () => press.Spin();
                    }
            """);

        [Fact]
        public Task Unregulated_members_and_guarded_reflection_are_clean() => Check("""
                    var idle = Type.GetType("Plant.Press")!.GetMethod("Idle");
                    var type = typeof(Plant.Press);
                    var ctor = Expression.Call(Expression.Constant(press), "Idle", null);
                    var decision = rules.Evaluate(Activity.Create("enrich"));
                    if (!decision.IsPermitted) return;
                    var spin = type.GetMethod("Spin");
                    var made = Activator.CreateInstance("Consumer", "Plant.Press");
                    var call = Expression.Call(Expression.Constant(press), "Spin", null);
                    var viaName = Type.GetType("Plant.Press")!.GetProperty("Speed");
            """);

        [Fact]
        public Task A_Type_the_build_cannot_know_is_left_to_the_runtime_check() => Check("""
                    var spin = unknown.GetMethod("Spin");
                    var named = Type.GetType(Console.ReadLine()!)!.GetMethod("Spin");
            """);
    }
}
