using PeerBot.Dialogs.Conversations;
using PeerBot.Dialogs.Groups;
using PeerBot.Dialogs.Safety;
using PeerBot.Dialogs.Statements;

namespace PeerBot.Tests.Support;

/// <summary>Every product dialog as the bot registers it (TestChat adds language, consent and delete), over one group directory.</summary>
public static class ProductDialogs
{
    public static IReadOnlyList<IDialog> All(IGroupDirectory groups)
    {
        var courses = Course.LoadBuiltIn();
        return
        [
            new CreateGroupDialog(courses), new JoinGroupDialog(groups), new LeaveGroupDialog(groups), new MyGroupsDialog(groups), new WeeklyReflectionDialog(groups, courses),
            new MyReflectionsDialog(courses), new BringReminderDialog(groups), new WeekPlanDialog(groups, courses, new PhrasingGuard()),
            new GroupSettingsDialog(groups, courses), new AnswerReminderDialog(groups), new RemindersDialog(), new PersonalStatementDialog(), new MyStatementsDialog(),
        ];
    }
}
